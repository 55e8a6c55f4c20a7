package io.switchboard.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The {@code validate} step's checks, each by an existing validator: JSON Schema (networknt's json-schema-validator,
 * the schema's own {@code $schema} or draft 2020-12) and XSD (the JDK's). A message that fails is one that can never
 * pass: it goes to the route's dead-letter target with every violation in the reason.
 */
final class Validation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Validation() {
    }

    /** A JSON Schema check from {@code file}; {@code IllegalArgumentException} says why the schema is unusable. */
    static Steps.Validate jsonSchema(Path file) {
        Schema schema;
        try {
            JsonNode text = JSON.readTree(Files.readString(file));
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the JSON Schema " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the JSON Schema " + file + " is not usable: " + Exchange.rootMessage(e));
        }
        return new Steps.Validate("jsonSchema " + file.getFileName(), x -> {
            JsonNode body;
            try {
                body = JSON.readTree(x.body());
            } catch (IOException e) {
                return List.of("the body is not JSON: " + Exchange.rootMessage(e));
            }
            return schema.validate(body).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
        });
    }

    /** An XSD check from {@code file}. */
    static Steps.Validate xsd(Path file) {
        javax.xml.validation.Schema schema;
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            schema = factory.newSchema(file.toFile());
        } catch (SAXException e) {
            throw new IllegalArgumentException("the XSD " + file + " is not usable: " + e.getMessage());
        }
        return new Steps.Validate("xsd " + file.getFileName(), x -> {
            List<String> problems = new ArrayList<>();
            Validator v = schema.newValidator();
            v.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }
            });
            try {
                v.validate(new StreamSource(new ByteArrayInputStream(x.body())));
            } catch (SAXException | IOException e) {
                if (problems.isEmpty()) {
                    problems.add(Exchange.rootMessage(e));
                }
            }
            return problems;
        });
    }
}

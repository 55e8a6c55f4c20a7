package io.switchboard.it.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** STOMP 1.2 spoken as raw frames over a socket: no client library between the test and the broker. */
public final class StompConnection implements AutoCloseable {

    /** A frame: command, headers, body. */
    public record Frame(String command, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public StompConnection(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** A connection from another local address ({@code 127.0.0.2}...), as from a second client machine. */
    public StompConnection(String from, int port) throws IOException {
        socket = new Socket("127.0.0.1", port, java.net.InetAddress.getByName(from), 0);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** CONNECT and return the answer (CONNECTED, or ERROR). */
    public Frame connect(String login, String passcode, String... headers) throws IOException {
        String[] all = new String[headers.length + 8];
        System.arraycopy(new String[] {"accept-version", "1.2", "host", "localhost", "login", login, "passcode", passcode},
                0, all, 0, 8);
        System.arraycopy(headers, 0, all, 8, headers.length);
        send("CONNECT", "", all);
        return read();
    }

    public void send(String command, String body, String... headers) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        for (int i = 0; i < headers.length; i += 2) {
            frame.append(headers[i]).append(':').append(headers[i + 1]).append('\n');
        }
        frame.append('\n').append(body).append('\0');
        raw(frame.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame (heart-beat newlines skipped), or null when the broker closed the connection. */
    public Frame read() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) == '\n' || b == '\r') {
            // heart-beats between frames
        }
        if (b < 0) {
            return null;
        }
        do {
            bytes.write(b);
        } while ((b = in.read()) > 0);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String body = blank < 0 ? "" : text.substring(blank + 2);
        String[] lines = head.split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        return new Frame(lines[0].trim(), headers, body);
    }

    /** True when the broker has closed this connection (within the socket timeout). */
    public boolean closedByBroker() throws IOException {
        try {
            while (true) {
                if (read() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

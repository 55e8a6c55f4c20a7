/** Arquillian (JUnit 5) for Switchboard: the container configuration, injectable resources, test archives. */
package io.switchboard.arquillian;

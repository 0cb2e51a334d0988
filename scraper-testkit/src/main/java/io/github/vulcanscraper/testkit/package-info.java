/**
 * Real servers on loopback for tests and demos. Every server here binds to {@code 127.0.0.1} on a
 * free port, is started by the code that uses it and stops on {@code close()}.
 */
@NullMarked
package io.github.vulcanscraper.testkit;

import org.jspecify.annotations.NullMarked;

/** The vulcan command line. */
@NullMarked
package io.github.vulcanscraper.examples.cli;

import org.jspecify.annotations.NullMarked;

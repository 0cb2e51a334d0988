/** The target groups that service discovery mechanisms report. */
@NullMarked
package io.github.vulcanscraper.core.discovery;

import org.jspecify.annotations.NullMarked;

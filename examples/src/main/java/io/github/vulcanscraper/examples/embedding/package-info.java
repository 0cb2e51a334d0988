/** Small embedding examples: a custom Writer, a custom Pool, a scraper on scraper-core alone. */
@NullMarked
package io.github.vulcanscraper.examples.embedding;

import org.jspecify.annotations.NullMarked;

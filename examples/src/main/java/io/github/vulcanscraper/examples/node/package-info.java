/** A whole scraper node assembled from the library's parts, and its status pages. */
@NullMarked
package io.github.vulcanscraper.examples.node;

import org.jspecify.annotations.NullMarked;

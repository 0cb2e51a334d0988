/** The all-in-one demo: embedded ZooKeeper and Kafka, local exporters, three scraper nodes. */
@NullMarked
package io.github.vulcanscraper.examples.demo;

import org.jspecify.annotations.NullMarked;

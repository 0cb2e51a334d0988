/** How a scrape talks HTTP: auth, TLS, proxy and headers, with secrets that never print. */
@NullMarked
package io.github.vulcanscraper.core.http;

import org.jspecify.annotations.NullMarked;

/** Implementation details of the test kit; not a public API. */
@NullMarked
package io.github.vulcanscraper.testkit.internal;

import org.jspecify.annotations.NullMarked;

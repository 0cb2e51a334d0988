/** Implementation details of the engine; not an API, may change in any release. */
@NullMarked
package io.github.vulcanscraper.core.internal;

import org.jspecify.annotations.NullMarked;

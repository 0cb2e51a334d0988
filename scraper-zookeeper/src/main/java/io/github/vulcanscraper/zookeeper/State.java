package io.github.vulcanscraper.zookeeper;

/** The lifecycle of the ZooKeeper components, held in one {@code AtomicReference}. */
enum State {
  LATENT,
  STARTED,
  CLOSED
}

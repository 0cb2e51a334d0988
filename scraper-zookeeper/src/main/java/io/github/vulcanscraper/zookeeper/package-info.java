/**
 * ZooKeeper coordination for Vulcan Scraper, on Apache Curator: the scraper pool ({@link
 * io.github.vulcanscraper.zookeeper.ZooKeeperPool}), the job watcher ({@link
 * io.github.vulcanscraper.zookeeper.ZooKeeperJobWatcher}) and the job store ({@link
 * io.github.vulcanscraper.zookeeper.JobStore}).
 *
 * <p>The layout is compatible with the Go original:
 *
 * <pre>
 * &lt;root&gt;/scraper/jobs/&lt;job_name&gt;     persistent; a Prometheus config with that one job
 * &lt;root&gt;/scraper/scrapers/&lt;node_id&gt;  ephemeral; one per live scraper node
 * </pre>
 *
 * <p>{@code <root>} defaults to {@code /vulcan}. One {@code CuratorFramework} (one session) can
 * serve the pool and the job watcher of a node; each component can also own a client built from a
 * connect string.
 */
@NullMarked
package io.github.vulcanscraper.zookeeper;

import org.jspecify.annotations.NullMarked;

package io.github.vulcanscraper.zookeeper;

/**
 * A {@link JobStore} operation that the store did not carry out: ZooKeeper unreachable, access
 * denied by an ACL, or (as the subclass {@link ConcurrentJobModificationException}) a concurrent
 * change. The message names the job and the path, never the job's content.
 */
public class JobStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with this message.
   *
   * @param message names the job and the path, never the job's content
   */
  public JobStoreException(String message) {
    super(message);
  }

  /**
   * A failure with this message and cause.
   *
   * @param message names the job and the path, never the job's content
   * @param cause ZooKeeper's or Curator's exception
   */
  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

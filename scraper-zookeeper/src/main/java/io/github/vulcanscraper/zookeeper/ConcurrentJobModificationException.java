package io.github.vulcanscraper.zookeeper;

/**
 * A write to a job that lost a race: the job node was created, changed or deleted by someone else
 * since its version was read. Nothing was written; read the job again ({@link JobStore#get}) and
 * retry with its new version if the change still applies.
 */
public final class ConcurrentJobModificationException extends JobStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * A lost race, described by this message.
   *
   * @param message names the job and the path, never the job's content
   * @param cause ZooKeeper's exception for the failed version check or create
   */
  public ConcurrentJobModificationException(String message, Throwable cause) {
    super(message, cause);
  }
}

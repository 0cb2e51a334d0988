package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.api.JobName;
import picocli.CommandLine;

/** Reads a {@link JobName}; an invalid one is a usage error naming the value. */
final class JobNameConverter implements CommandLine.ITypeConverter<JobName> {
  @Override
  public JobName convert(String value) {
    try {
      return JobName.of(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}

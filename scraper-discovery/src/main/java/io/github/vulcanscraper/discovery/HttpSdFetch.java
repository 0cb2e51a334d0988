package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** The fetches of one HTTP discovery run. Used by one refresh at a time. */
final class HttpSdFetch {
  static final String URL_LABEL = "__meta_url";
  private static final Pattern JSON = Pattern.compile("^application/json(;.*)?$");

  private final HttpDiscovery settings;
  private final String url;
  private @Nullable OkHttpClient client;

  HttpSdFetch(HttpDiscovery settings) {
    this.settings = settings;
    this.url = settings.url().toString();
  }

  List<TargetGroup> refresh(List<Exception> errors) throws IOException {
    if (client == null) {
      client = HttpClients.create(settings.http(), settings.refreshInterval());
    }
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json")
            .header(
                "X-Prometheus-Refresh-Interval-Seconds",
                Long.toString(settings.refreshInterval().toSeconds()))
            .build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException(
            "HTTP SD " + url + ": server returned HTTP status " + response.code());
      }
      String type = response.header("Content-Type");
      if (type == null || !JSON.matcher(type).matches()) {
        throw new IOException("HTTP SD " + url + ": unsupported content type \"" + type + "\"");
      }
      byte[] body = Bodies.read(response.body(), settings.responseSizeLimit(), "HTTP SD " + url);
      try {
        return GroupsParser.json(body, url, URL_LABEL);
      } catch (IOException e) {
        throw new IOException("HTTP SD " + url + ": invalid answer: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("HTTP SD ")) {
        throw e;
      }
      throw new IOException("HTTP SD " + url + ": " + e, e);
    }
  }
}

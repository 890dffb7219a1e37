package io.github.ablyspring.client.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** RTN17j: a GET of the connectivity check URL; the internet is up when it answers 2xx with "yes" in the body. */
final class ConnectivityCheck {

	private ConnectivityCheck() {
	}

	static boolean isUp(String url, Duration timeout) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
				.GET().build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() / 100 == 2 && response.body().contains("yes");
		}
		catch (java.io.IOException | IllegalArgumentException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}

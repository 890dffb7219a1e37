package io.github.ablyspring.protocol.codec;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.push.DeviceDetails;
import io.github.ablyspring.protocol.push.DevicePushDetails;
import io.github.ablyspring.protocol.push.PushChannelSubscription;

/**
 * The wire mappings of the push admin bodies (RSH1b, RSH1c): {@link DeviceDetails} (PCD) with its
 * {@link DevicePushDetails} (PCP), {@link PushChannelSubscription} (PCS) and the channel names of
 * {@code GET /push/channels}. Unknown fields are skipped.
 */
public final class PushWireTypes {

	public static final WireType<DevicePushDetails> DEVICE_PUSH_DETAILS = new WireType<>() {
		@Override
		public void write(DevicePushDetails value, WireWriter w) {
			w.beginMap(1 + WireWriter.count(value.state()) + WireWriter.count(value.errorReason()));
			w.field("recipient", value.recipient());
			w.field("state", value.state());
			w.field("errorReason", value.errorReason(), ErrorInfoWire.INSTANCE);
			w.endMap();
		}

		@Override
		public DevicePushDetails read(WireReader r) {
			Map<String, String> recipient = Map.of();
			String state = null;
			ErrorInfo errorReason = null;
			r.beginMap();
			for (String name = r.nextName(); name != null; name = r.nextName()) {
				switch (name) {
					case "recipient" -> recipient = r.readStringMap();
					case "state" -> state = r.readString();
					case "errorReason" -> errorReason = ErrorInfoWire.INSTANCE.read(r);
					default -> r.skipValue();
				}
			}
			return new DevicePushDetails(recipient, state, errorReason);
		}
	};

	public static final WireType<DeviceDetails> DEVICE_DETAILS = new WireType<>() {
		@Override
		public void write(DeviceDetails value, WireWriter w) {
			w.beginMap(3 + WireWriter.count(value.clientId()) + WireWriter.count(value.formFactor())
					+ WireWriter.count(value.platform()));
			w.field("id", value.id());
			w.field("clientId", value.clientId());
			w.field("formFactor", value.formFactor());
			w.field("platform", value.platform());
			w.field("metadata", value.metadata());
			w.field("push", value.push(), DEVICE_PUSH_DETAILS);
			w.endMap();
		}

		@Override
		public DeviceDetails read(WireReader r) {
			String id = null;
			String clientId = null;
			String formFactor = null;
			String platform = null;
			Map<String, String> metadata = Map.of();
			DevicePushDetails push = DevicePushDetails.of(Map.of());
			r.beginMap();
			for (String name = r.nextName(); name != null; name = r.nextName()) {
				switch (name) {
					case "id" -> id = r.readString();
					case "clientId" -> clientId = r.readString();
					case "formFactor" -> formFactor = r.readString();
					case "platform" -> platform = r.readString();
					case "metadata" -> metadata = r.readStringMap();
					case "push" -> push = DEVICE_PUSH_DETAILS.read(r);
					default -> r.skipValue();
				}
			}
			if (id == null) {
				throw new CodecException("device details without an id");
			}
			return new DeviceDetails(id, clientId, formFactor, metadata, platform, push);
		}
	};

	public static final WireType<PushChannelSubscription> CHANNEL_SUBSCRIPTION = new WireType<>() {
		@Override
		public void write(PushChannelSubscription value, WireWriter w) {
			w.beginMap(2);
			w.field("channel", value.channel());
			w.field("deviceId", value.deviceId());
			w.field("clientId", value.clientId());
			w.endMap();
		}

		@Override
		public PushChannelSubscription read(WireReader r) {
			String channel = "";
			String deviceId = null;
			String clientId = null;
			r.beginMap();
			for (String name = r.nextName(); name != null; name = r.nextName()) {
				switch (name) {
					case "channel" -> channel = r.readString();
					case "deviceId" -> deviceId = r.readString();
					case "clientId" -> clientId = r.readString();
					default -> r.skipValue();
				}
			}
			return subscription(channel, deviceId, clientId);
		}
	};

	/** The body of {@code GET /push/channels}: an array of channel names. */
	public static final WireType<String> CHANNEL_NAME = new WireType<>() {
		@Override
		public void write(String value, WireWriter w) {
			w.string(value);
		}

		@Override
		public String read(WireReader r) {
			return r.readString();
		}
	};

	private PushWireTypes() {
	}

	private static PushChannelSubscription subscription(String channel, @Nullable String deviceId,
			@Nullable String clientId) {
		try {
			return new PushChannelSubscription(channel, deviceId, clientId);
		}
		catch (AblyException ex) {
			throw new CodecException(ex.getMessage(), ex);
		}
	}
}

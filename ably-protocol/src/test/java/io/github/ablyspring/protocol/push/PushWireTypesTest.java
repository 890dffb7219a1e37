package io.github.ablyspring.protocol.push;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.PushWireTypes;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PCD, PCP, PCS: the push types and their wire form in JSON and msgpack. */
class PushWireTypesTest {

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void PCD_deviceDetailsRoundTrip(WireFormat format) {
		DeviceDetails device = DeviceDetails.builder("device-001")
			.clientId("client-abc")
			.formFactor("phone")
			.platform("ios")
			.metadata(Map.of("model", "iPhone 14"))
			.push(new DevicePushDetails(Map.of("transportType", "apns", "deviceToken", "token-123"),
					DevicePushDetails.FAILING, ErrorInfo.of(40000, 400, "bad token")))
			.build();
		WireCodec codec = WireCodec.of(format);
		assertThat(codec.decode(codec.encode(device, PushWireTypes.DEVICE_DETAILS), PushWireTypes.DEVICE_DETAILS))
			.isEqualTo(device);
	}

	@Test
	void PCD_readsAblyJsonAndSkipsUnknownFields() {
		String json = """
				{"id":"d1","platform":"android","formFactor":"tablet","deviceSecret":"x","metadata":{},
				 "push":{"recipient":{"transportType":"fcm","registrationToken":"t"},"state":"ACTIVE"}}""";
		DeviceDetails device = WireCodec.of(WireFormat.JSON).decode(json.getBytes(StandardCharsets.UTF_8),
				PushWireTypes.DEVICE_DETAILS);
		assertThat(device.id()).isEqualTo("d1");
		assertThat(device.clientId()).isNull();
		assertThat(device.push().state()).isEqualTo(DevicePushDetails.ACTIVE);
		assertThat(device.push().isActive()).isTrue();
		assertThat(device.push().withState("Active").isActive()).isTrue();
		assertThat(device.push().recipient()).containsEntry("registrationToken", "t");
	}

	@Test
	void PCP_toStringHidesTheRecipientAddress() {
		assertThat(DevicePushDetails.of(Map.of("deviceToken", "secret-token")).toString())
			.contains("deviceToken")
			.doesNotContain("secret-token");
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void PCS_subscriptionRoundTrip(WireFormat format) {
		WireCodec codec = WireCodec.of(format);
		for (PushChannelSubscription sub : new PushChannelSubscription[] {
				PushChannelSubscription.forDevice("ch", "d1"), PushChannelSubscription.forClient("ch", "c1") }) {
			assertThat(codec.decode(codec.encode(sub, PushWireTypes.CHANNEL_SUBSCRIPTION),
					PushWireTypes.CHANNEL_SUBSCRIPTION)).isEqualTo(sub);
		}
	}

	@Test
	void PCS5_exactlyOneOfDeviceIdAndClientId() {
		assertThatThrownBy(() -> new PushChannelSubscription("ch", "d1", "c1")).isInstanceOf(AblyException.class)
			.extracting(ex -> ((AblyException) ex).errorInfo().code())
			.isEqualTo(40000);
		assertThatThrownBy(() -> new PushChannelSubscription("ch", null, null)).isInstanceOf(AblyException.class);
		assertThatThrownBy(() -> WireCodec.of(WireFormat.JSON)
			.decode("{\"channel\":\"ch\"}".getBytes(StandardCharsets.UTF_8), PushWireTypes.CHANNEL_SUBSCRIPTION))
			.isInstanceOf(CodecException.class);
	}
}

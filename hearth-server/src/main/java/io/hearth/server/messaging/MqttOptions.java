package io.hearth.server.messaging;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** The connect options both MQTT clients share. */
final class MqttOptions {
    private MqttOptions() {}

    static MqttConnectOptions connectOptions(MessagingConfig.Mqtt config, boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setServerURIs(new String[] {config.url()});
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        config.user().ifPresent(options::setUserName);
        config.password().ifPresent(password -> options.setPassword(password.toCharArray()));
        return options;
    }
}

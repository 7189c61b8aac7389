// Where a Docker engine is reachable (and VITALS_TESTCONTAINERS=1 with no stack file),
// the integration suite starts the same broker, Kafka and InfluxDB versions as
// docker-compose.yml with testcontainers. Not exercised on the Docker-less build machines.
import { randomBytes } from 'node:crypto';
import { GenericContainer, Wait } from 'testcontainers';

const secret = () => randomBytes(18).toString('base64url');

export async function startContainers(): Promise<Record<string, string>> {
  const adminPassword = secret();
  const token = secret() + secret();
  const conf = [
    'listener 1883 0.0.0.0',
    'allow_anonymous false',
    'password_file /mosquitto/config/passwd',
    'persistence true',
    'persistence_location /mosquitto/data/',
    'max_queued_messages 0',
  ].join('\n');
  const mosquitto = await new GenericContainer('eclipse-mosquitto:2.0.20')
    .withCopyContentToContainer([
      { content: conf, target: '/mosquitto/config/mosquitto.conf' },
      { content: `admin:${adminPassword}\n`, target: '/mosquitto/config/passwd' },
    ])
    .withCommand(['sh', '-c', 'chmod 0700 /mosquitto/config/passwd && mosquitto_passwd -U /mosquitto/config/passwd && exec mosquitto -c /mosquitto/config/mosquitto.conf'])
    .withExposedPorts(1883)
    .withWaitStrategy(Wait.forLogMessage(/mosquitto version .* running/))
    .start();
  const kafka = await new GenericContainer('apache/kafka:4.1.1')
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:9092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@127.0.0.1:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    // The advertised port must equal the host port: bind 9092 on the host.
    .withExposedPorts({ container: 9092, host: 9092 })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const influx = await new GenericContainer('influxdb:2.7')
    .withEnvironment({
      DOCKER_INFLUXDB_INIT_MODE: 'setup',
      DOCKER_INFLUXDB_INIT_USERNAME: 'admin',
      DOCKER_INFLUXDB_INIT_PASSWORD: secret(),
      DOCKER_INFLUXDB_INIT_ORG: 'vitals',
      DOCKER_INFLUXDB_INIT_BUCKET: 'vitals',
      DOCKER_INFLUXDB_INIT_ADMIN_TOKEN: token,
    })
    .withExposedPorts(8086)
    .withWaitStrategy(Wait.forHttp('/health', 8086))
    .start();
  return {
    MQTT_URL: `mqtt://${mosquitto.getHost()}:${mosquitto.getMappedPort(1883)}`,
    MQTT_ADMIN_USERNAME: 'admin',
    MQTT_ADMIN_PASSWORD: adminPassword,
    KAFKA_BROKERS: `127.0.0.1:${kafka.getMappedPort(9092)}`,
    INFLUX_URL: `http://${influx.getHost()}:${influx.getMappedPort(8086)}`,
    INFLUX_TOKEN: token,
    INFLUX_ORG: 'vitals',
    INFLUX_BUCKET: 'vitals',
  };
}

import mqtt from 'mqtt';
import { createDynsec } from '../services/common/dynsec.js';
import { stack } from '../test/helpers/stack.js';
const s = await stack();
const prefix = process.argv[2]!;
const d = await createDynsec({ url: s.mqttUrl, username: s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: s.env.MQTT_REGISTRY_PASSWORD ?? '' });
for (let i = 0; i < 8; i++) {
  const id = `${prefix}-${i}`;
  const c = await mqtt.connectAsync(s.mqttUrl, { username: id, password: s.env.MQTT_PASSWORD!, clientId: id, clean: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 60_000 }).catch((e) => { console.log(id, (e as Error).message); return undefined; });
  await c?.endAsync();
  await d.run({ command: 'deleteClient', username: id }).catch((e) => console.log('del', id, (e as Error).message));
  console.log('purged', id);
}
await d.close();
process.exit(0);

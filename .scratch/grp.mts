import { Kafka, logLevel } from 'kafkajs';
const k = new Kafka({ brokers: [process.argv[2]!], logLevel: logLevel.NOTHING });
const a = k.admin(); await a.connect();
const topics = await a.listTopics();
const groups = (await a.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(process.argv[3] ?? 'bench'));
for (const g of groups) {
  const t = process.argv[4] ?? `${g.replace(/-(alerts|writer|telegraf)$/, "")}.vitals`;
  if (!topics.includes(t)) continue;
  const o = await a.fetchOffsets({ groupId: g, topics: [t] });
  const h = await a.fetchTopicOffsets(t);
  console.log(g, 'committed', JSON.stringify(o[0]?.partitions.sort((x, y) => x.partition - y.partition).map((p) => p.offset)), 'high', JSON.stringify(h.sort((x, y) => x.partition - y.partition).map((p) => p.high)));
}
await a.disconnect();

import { Kafka, logLevel } from 'kafkajs';
const k = new Kafka({ brokers: [process.argv[2]!], logLevel: logLevel.NOTHING });
const a = k.admin(); await a.connect();
const groups = (await a.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith('bench'));
const d = await a.describeGroups(groups);
for (const g of d.groups) console.log(g.groupId, g.state, g.members.length);
for (const g of groups) { const t = (await a.listTopics()).find((x) => x.endsWith('.vitals') && x.startsWith('bench')); if (!t) continue; const o = await a.fetchOffsets({ groupId: g, topics: [t] }); console.log(g, JSON.stringify(o[0]?.partitions.map((p) => p.offset))); }
const t = (await a.listTopics()).find((x) => x.endsWith('.vitals') && x.startsWith('bench')); if (t) console.log(t, JSON.stringify((await a.fetchTopicOffsets(t)).map((p) => p.high)));
await a.disconnect();

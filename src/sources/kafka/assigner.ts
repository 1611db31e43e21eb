// The consumer group's partition assignment for the engine. Orders are partitioned by order_id
// across the three source topics, so partition p of each topic holds the same orders: a member
// must own partition p of all three or of none (kafkajs's round-robin would split them). Engine
// partitions are dealt round-robin over the members sorted by id, so every member computes the
// same answer and a partition moves only when the membership changes.
//
// The leader answers after a short pause when the group has other members: librdkafka's mock
// cluster (the test broker) refuses a follower's SyncGroup that arrives after the leader's, and a
// follower busy with a batch can be that late. Real brokers accept either order; the pause costs
// a rebalance half a second.
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

export const CO_PARTITIONED = 'OrdertrackCoPartitioned';
const VERSION = 1;
const LEADER_PAUSE_MS = 500;

export const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED,
  version: VERSION,

  async assign({ members, topics }) {
    if (members.length > 1) await new Promise((r) => setTimeout(r, LEADER_PAUSE_MS));
    const ids = members.map((m) => m.memberId).sort();
    const counts = topics.map((t) => cluster.findTopicPartitionMetadata(t).length);
    const byMember = new Map(ids.map((id) => [id, Object.fromEntries(topics.map((t) => [t, [] as number[]]))]));
    for (let p = 0; p < Math.max(0, ...counts); p++) {
      const owner = byMember.get(ids[p % ids.length]!)!;
      topics.forEach((t, i) => {
        if (p < counts[i]!) owner[t]!.push(p);
      });
    }
    return ids.map((memberId) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: VERSION,
        assignment: byMember.get(memberId)!,
        userData: Buffer.alloc(0),
      }),
    }));
  },

  protocol({ topics }) {
    return {
      name: CO_PARTITIONED,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: VERSION, topics, userData: Buffer.alloc(0) }),
    };
  },
});

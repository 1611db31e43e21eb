// The consumer group's partition assignment for the engine. Orders are partitioned by order_id
// across the three source topics, so partition p of each topic holds the same orders: a member
// must own partition p of all three or of none (kafkajs's round-robin would split them). Engine
// partitions are dealt round-robin over the members sorted by id, so every member computes the
// same answer and a partition moves only when the membership changes.
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

export const CO_PARTITIONED = 'OrdertrackCoPartitioned';
const VERSION = 1;

export const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITIONED,
  version: VERSION,

  async assign({ members, topics }) {
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

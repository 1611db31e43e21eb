// Scale-out (several instances in one consumer group): checkpoints per partition with the
// instance that owns each, the partition of every saved order state (a takeover restores just
// its partitions' orders), and window figures per partition (a window's row is their sum, so
// instances owning different partitions write one table). Conventions as in 001_init.
import type { Migration } from './migration.js';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin';

export const PARTITIONS: Migration = {
  version: 2,
  name: '002_partitions',
  statements: [
    {
      sql: 'ALTER TABLE `order_state` ADD COLUMN `partition_id` BIGINT NOT NULL DEFAULT 0, ADD KEY `state_by_partition` (`partition_id`, `resident`)',
      doneIf: "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order_state' AND COLUMN_NAME = 'partition_id'",
    },
    `CREATE TABLE IF NOT EXISTS \`partition_checkpoint\` (
      \`partition_id\` BIGINT NOT NULL,
      \`source_id\` VARCHAR(255) NOT NULL,
      \`owner\` VARCHAR(255) NOT NULL,
      \`source_pos\` LONGTEXT NULL,
      \`state\` LONGTEXT NULL,
      \`closed_through\` BIGINT NULL,
      \`saved_at\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`partition_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`metric_parts\` (
      \`window_start\` BIGINT NOT NULL,
      \`partition_id\` BIGINT NOT NULL,
      \`part\` TEXT NOT NULL,
      PRIMARY KEY (\`window_start\`, \`partition_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`metric_progress\` (
      \`source_id\` VARCHAR(255) NOT NULL,
      \`emitted_through\` BIGINT NOT NULL,
      PRIMARY KEY (\`source_id\`)
    ) ${TABLE}`,
  ],
};

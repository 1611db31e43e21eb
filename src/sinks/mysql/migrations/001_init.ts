// The first schema: every table of src/sinks/schema.ts as of ordertrack 0.1, written out (frozen)
// rather than generated, so that a later change to schema.ts cannot silently change what an
// existing database was created with; test/store-contract.test.ts compares the two.
//
// Conventions:
// - InnoDB, utf8mb4, binary NO PAD collation: keys compare and sort by code point, as in SQLite
//   (so `O1`, `o1` and `O1 ` are three orders, and exports list rows in the same order).
//   MariaDB names it utf8mb4_nopad_bin; migrate.ts writes utf8mb4_0900_bin on MySQL 8.
// - ids VARCHAR(255); ids built from ids (op_id, command_id) VARCHAR(640): every key fits the
//   3072-byte InnoDB index limit at 4 bytes a character. Engine enums VARCHAR(16–64); free text
//   TEXT; state, checkpoints and JSON LONGTEXT; dead-letter payloads (first 4 KiB) VARCHAR(4096).
// - times DATETIME(3) UTC; booleans TINYINT(1); int BIGINT; real DOUBLE.
// - the console's indexes (sqlite/control.ts CONSOLE_INDEXES) are created here, not on first use.
import type { Migration } from './migration.js';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin';

export const INIT: Migration = {
  version: 1,
  name: '001_init',
  statements: [
    `CREATE TABLE IF NOT EXISTS \`order_lifecycle\` (
      \`order_id\` VARCHAR(255) NOT NULL,
      \`user_id\` VARCHAR(255) NOT NULL,
      \`create_time\` DATETIME(3) NOT NULL,
      \`pending_payment_time\` DATETIME(3) NULL,
      \`paid_time\` DATETIME(3) NULL,
      \`processing_time\` DATETIME(3) NULL,
      \`shipped_time\` DATETIME(3) NULL,
      \`delivered_time\` DATETIME(3) NULL,
      \`cancelled_time\` DATETIME(3) NULL,
      \`refunded_time\` DATETIME(3) NULL,
      \`expired_time\` DATETIME(3) NULL,
      \`cancel_reason\` VARCHAR(255) NULL,
      \`current_status\` VARCHAR(32) NOT NULL,
      \`status_updated_time\` DATETIME(3) NOT NULL,
      \`pending_payment_duration\` BIGINT NULL,
      \`processing_duration\` BIGINT NULL,
      \`shipping_duration\` BIGINT NULL,
      \`delivery_duration\` BIGINT NULL,
      \`overall_duration\` BIGINT NULL,
      \`last_updated\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`order_id\`),
      KEY \`lifecycle_by_status\` (\`current_status\`, \`paid_time\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`inventory_update_results\` (
      \`op_id\` VARCHAR(640) NOT NULL,
      \`order_id\` VARCHAR(255) NOT NULL,
      \`sku_id\` VARCHAR(255) NOT NULL,
      \`op_type\` VARCHAR(16) NOT NULL,
      \`quantity\` BIGINT NOT NULL,
      \`prev_available_stock\` BIGINT NULL,
      \`new_available_stock\` BIGINT NULL,
      \`prev_frozen_stock\` BIGINT NULL,
      \`new_frozen_stock\` BIGINT NULL,
      \`op_time\` DATETIME(3) NOT NULL,
      \`process_time\` DATETIME(3) NOT NULL,
      \`status\` VARCHAR(16) NOT NULL,
      \`message\` TEXT NULL,
      PRIMARY KEY (\`op_id\`),
      KEY \`ops_by_order\` (\`order_id\`),
      KEY \`ops_failed\` (\`status\`, \`sku_id\`),
      KEY \`ops_recent\` (\`process_time\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`logistics_dispatch_commands\` (
      \`command_id\` VARCHAR(640) NOT NULL,
      \`order_id\` VARCHAR(255) NOT NULL,
      \`user_id\` VARCHAR(255) NOT NULL,
      \`sku_id\` VARCHAR(255) NOT NULL,
      \`quantity\` BIGINT NOT NULL,
      \`warehouse_id\` VARCHAR(255) NULL,
      \`target_province\` TEXT NULL,
      \`target_city\` TEXT NULL,
      \`target_district\` TEXT NULL,
      \`target_address\` TEXT NULL,
      \`required_delivery_time\` DATETIME(3) NOT NULL,
      \`priority\` VARCHAR(16) NOT NULL,
      \`create_time\` DATETIME(3) NOT NULL,
      \`status\` VARCHAR(16) NOT NULL,
      PRIMARY KEY (\`command_id\`),
      KEY \`dispatch_by_order\` (\`order_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`logistics_efficiency_monitor\` (
      \`order_id\` VARCHAR(255) NOT NULL,
      \`dispatched_time\` DATETIME(3) NULL,
      \`transit_time\` DATETIME(3) NULL,
      \`delivery_time\` DATETIME(3) NULL,
      \`received_time\` DATETIME(3) NOT NULL,
      \`warehouse_id\` VARCHAR(255) NULL,
      \`warehouse_city\` TEXT NULL,
      \`target_city\` TEXT NULL,
      \`warehouse_processing_minutes\` BIGINT NULL,
      \`first_mile_minutes\` BIGINT NULL,
      \`line_haul_minutes\` BIGINT NULL,
      \`last_mile_minutes\` BIGINT NULL,
      \`total_delivery_minutes\` BIGINT NOT NULL,
      \`delivery_status\` VARCHAR(16) NOT NULL,
      \`promise_met\` TINYINT(1) NULL,
      \`monitoring_time\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`order_id\`),
      KEY \`sla_by_received\` (\`received_time\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`abnormal_order_handling\` (
      \`order_id\` VARCHAR(255) NOT NULL,
      \`user_id\` VARCHAR(255) NOT NULL,
      \`abnormal_type\` VARCHAR(32) NOT NULL,
      \`overtime_minutes\` BIGINT NOT NULL,
      \`user_abnormal_count\` BIGINT NOT NULL,
      \`detection_time\` DATETIME(3) NOT NULL,
      \`handler\` VARCHAR(64) NOT NULL,
      \`handling_action\` VARCHAR(64) NOT NULL,
      \`handling_time\` DATETIME(3) NOT NULL,
      \`status\` VARCHAR(16) NOT NULL,
      \`notes\` TEXT NOT NULL,
      \`resolved_by\` VARCHAR(255) NULL,
      \`resolved_at\` DATETIME(3) NULL,
      PRIMARY KEY (\`order_id\`, \`abnormal_type\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`order_processing_metrics\` (
      \`metric_time\` DATETIME(3) NOT NULL,
      \`order_count\` BIGINT NOT NULL,
      \`paid_count\` BIGINT NOT NULL,
      \`shipped_count\` BIGINT NOT NULL,
      \`delivered_count\` BIGINT NOT NULL,
      \`cancelled_count\` BIGINT NOT NULL,
      \`avg_payment_time\` DOUBLE NULL,
      \`avg_processing_time\` DOUBLE NULL,
      \`avg_delivery_time\` DOUBLE NULL,
      \`abnormal_count\` BIGINT NOT NULL,
      \`abnormal_order_rate\` DOUBLE NULL,
      PRIMARY KEY (\`metric_time\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`order_status_notifications\` (
      \`notification_id\` VARCHAR(320) NOT NULL,
      \`order_id\` VARCHAR(255) NOT NULL,
      \`user_id\` VARCHAR(255) NOT NULL,
      \`status\` VARCHAR(32) NOT NULL,
      \`prev_status\` VARCHAR(32) NULL,
      \`status_time\` DATETIME(3) NOT NULL,
      \`notification_type\` VARCHAR(16) NOT NULL,
      \`message_content\` TEXT NOT NULL,
      \`priority\` BIGINT NOT NULL,
      \`create_time\` DATETIME(3) NOT NULL,
      \`notification_status\` VARCHAR(16) NOT NULL,
      PRIMARY KEY (\`notification_id\`),
      KEY \`notes_by_order\` (\`order_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`data_quality_metrics\` (
      \`metric_time\` DATETIME(3) NOT NULL,
      \`source_table\` VARCHAR(255) NOT NULL,
      \`total_records\` BIGINT NOT NULL,
      \`null_order_id_count\` BIGINT NOT NULL,
      \`late_records_count\` BIGINT NOT NULL,
      \`schema_violation_count\` BIGINT NOT NULL,
      \`duplicate_count\` BIGINT NOT NULL,
      \`avg_processing_time\` DOUBLE NULL,
      \`error_rate\` DOUBLE NOT NULL,
      \`processing_time_sum\` BIGINT NOT NULL,
      \`processing_time_count\` BIGINT NOT NULL,
      PRIMARY KEY (\`metric_time\`, \`source_table\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`dead_letters\` (
      \`source_topic\` VARCHAR(255) NULL,
      \`partition\` INT NULL,
      \`offset\` VARCHAR(32) NULL,
      \`file\` TEXT NULL,
      \`line\` BIGINT NULL,
      \`received_time\` DATETIME(3) NOT NULL,
      \`reason\` VARCHAR(255) NOT NULL,
      \`payload\` VARCHAR(4096) NOT NULL,
      \`position\` VARCHAR(700) NOT NULL,
      PRIMARY KEY (\`position\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`order_commands\` (
      \`command\` VARCHAR(32) NOT NULL,
      \`order_id\` VARCHAR(255) NOT NULL,
      \`reason\` TEXT NOT NULL,
      \`operator\` VARCHAR(255) NOT NULL,
      \`issued_at\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`issued_at\`, \`order_id\`, \`command\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`product_inventory\` (
      \`product_id\` VARCHAR(255) NULL,
      \`sku_id\` VARCHAR(255) NOT NULL,
      \`total_stock\` BIGINT NOT NULL,
      \`available_stock\` BIGINT NOT NULL,
      \`frozen_stock\` BIGINT NOT NULL,
      \`locked_stock\` BIGINT NOT NULL,
      \`update_time\` DATETIME(3) NULL,
      PRIMARY KEY (\`sku_id\`),
      KEY \`stock_by_available\` (\`available_stock\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`product_info\` (
      \`sku_id\` VARCHAR(255) NOT NULL,
      \`product_id\` VARCHAR(255) NULL,
      \`product_name\` TEXT NULL,
      \`category\` TEXT NULL,
      PRIMARY KEY (\`sku_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`user_address\` (
      \`user_id\` VARCHAR(255) NOT NULL,
      \`address_id\` VARCHAR(255) NOT NULL,
      \`province\` TEXT NULL,
      \`city\` TEXT NULL,
      \`district\` TEXT NULL,
      \`address\` TEXT NULL,
      \`is_default\` TINYINT(1) NOT NULL,
      PRIMARY KEY (\`user_id\`, \`address_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`logistics_area_info\` (
      \`area_id\` VARCHAR(255) NOT NULL,
      \`province\` TEXT NULL,
      \`city\` TEXT NULL,
      \`district\` TEXT NULL,
      \`warehouse_id\` VARCHAR(255) NULL,
      PRIMARY KEY (\`area_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`order_processing_rules\` (
      \`rule_id\` VARCHAR(255) NOT NULL,
      \`rule_type\` TEXT NULL,
      \`priority\` BIGINT NULL,
      \`condition_expr\` TEXT NULL,
      \`action_expr\` TEXT NULL,
      \`effective_time\` DATETIME(3) NULL,
      \`expire_time\` DATETIME(3) NULL,
      \`status\` TEXT NULL,
      \`create_time\` DATETIME(3) NULL,
      \`update_time\` DATETIME(3) NULL,
      PRIMARY KEY (\`rule_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`order_state\` (
      \`order_id\` VARCHAR(255) NOT NULL,
      \`state\` LONGTEXT NOT NULL,
      \`resident\` TINYINT(1) NOT NULL,
      PRIMARY KEY (\`order_id\`),
      KEY \`state_by_resident\` (\`resident\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`checkpoint\` (
      \`id\` INT NOT NULL,
      \`source_id\` TEXT NOT NULL,
      \`source_pos\` LONGTEXT NOT NULL,
      \`engine\` LONGTEXT NOT NULL,
      \`saved_at\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`checkpoint_singleton\` CHECK (\`id\` = 1)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`read_totals\` (
      \`topic\` VARCHAR(255) NOT NULL,
      \`records\` BIGINT NOT NULL,
      PRIMARY KEY (\`topic\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`inventory_seed\` (
      \`sku_id\` VARCHAR(255) NOT NULL,
      \`total_stock\` BIGINT NOT NULL,
      \`available_stock\` BIGINT NOT NULL,
      \`frozen_stock\` BIGINT NOT NULL,
      \`locked_stock\` BIGINT NOT NULL,
      PRIMARY KEY (\`sku_id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`anomaly_decisions\` (
      \`order_id\` VARCHAR(255) NOT NULL,
      \`abnormal_type\` VARCHAR(32) NOT NULL,
      \`decision\` VARCHAR(16) NOT NULL,
      \`action\` VARCHAR(64) NULL,
      \`note\` TEXT NULL,
      \`operator\` VARCHAR(255) NOT NULL,
      \`decided_at\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`order_id\`, \`abnormal_type\`, \`decision\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`runtime_status\` (
      \`id\` INT NOT NULL,
      \`status\` LONGTEXT NOT NULL,
      \`updated_at\` DATETIME(3) NOT NULL,
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`runtime_status_singleton\` CHECK (\`id\` = 1)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`control_requests\` (
      \`id\` BIGINT NOT NULL AUTO_INCREMENT,
      \`kind\` VARCHAR(16) NOT NULL,
      \`args\` LONGTEXT NOT NULL,
      \`operator\` VARCHAR(255) NOT NULL,
      \`requested_at\` DATETIME(3) NOT NULL,
      \`state\` VARCHAR(16) NOT NULL,
      \`result\` TEXT NULL,
      \`done_at\` DATETIME(3) NULL,
      PRIMARY KEY (\`id\`),
      KEY \`requests_by_state\` (\`state\`, \`id\`)
    ) ${TABLE}`,
    `CREATE TABLE IF NOT EXISTS \`audit_log\` (
      \`id\` BIGINT NOT NULL AUTO_INCREMENT,
      \`at\` DATETIME(3) NOT NULL,
      \`operator\` VARCHAR(255) NOT NULL,
      \`action\` VARCHAR(32) NOT NULL,
      \`target\` TEXT NOT NULL,
      \`detail\` TEXT NULL,
      \`reason\` TEXT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`audit_by_time\` (\`at\`)
    ) ${TABLE}`,
  ],
};

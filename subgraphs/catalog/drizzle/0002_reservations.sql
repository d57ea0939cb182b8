CREATE TABLE `reservation_holds` (
	`pool` varchar(40) NOT NULL,
	`owner` varchar(100) NOT NULL,
	`status` enum('RESERVED','COMMITTED','RELEASED') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `reservation_holds_pk` PRIMARY KEY(`pool`,`owner`)
);
--> statement-breakpoint
CREATE TABLE `reservation_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`pool` varchar(40) NOT NULL,
	`owner` varchar(100) NOT NULL,
	`resource` varchar(64) NOT NULL,
	`quantity` int NOT NULL,
	CONSTRAINT `reservation_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `products` ADD `listed_at` datetime(3);--> statement-breakpoint
CREATE INDEX `reservation_lines_owner_idx` ON `reservation_lines` (`pool`,`owner`);--> statement-breakpoint
-- Move every order's stock reservation into the kit's holds and lines (SKU 0 was the release marker: a hold with no lines).
INSERT INTO `reservation_holds` (`pool`, `owner`, `status`, `created_at`, `updated_at`)
SELECT 'stock', `order_id`,
  CASE WHEN SUM(`status` = 'COMMITTED') > 0 THEN 'COMMITTED' WHEN SUM(`status` = 'RESERVED') > 0 THEN 'RESERVED' ELSE 'RELEASED' END,
  MIN(`created_at`), MAX(`updated_at`)
FROM `stock_reservations` GROUP BY `order_id`;
--> statement-breakpoint
INSERT INTO `reservation_lines` (`pool`, `owner`, `resource`, `quantity`)
SELECT 'stock', `order_id`, CAST(`sku_id` AS CHAR), `quantity` FROM `stock_reservations` WHERE `sku_id` <> 0;
--> statement-breakpoint
-- Products on the shelf now count as listed; drafts never listed stay hidden from buyers' references.
UPDATE `products` SET `listed_at` = `created_at` WHERE `status` = 'ON_SHELF';

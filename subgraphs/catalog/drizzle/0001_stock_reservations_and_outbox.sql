CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`event_id` char(36) NOT NULL,
	`subject` varchar(100) NOT NULL,
	`payload` json NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`published_at` datetime(3),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` char(36) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `processed_events_pk` PRIMARY KEY(`consumer`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `stock_reservations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` varchar(64) NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`quantity` int NOT NULL,
	`status` enum('RESERVED','RELEASED','COMMITTED') NOT NULL DEFAULT 'RESERVED',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_reservations_id` PRIMARY KEY(`id`),
	CONSTRAINT `stock_reservations_order_sku_uq` UNIQUE(`order_id`,`sku_id`),
	CONSTRAINT `stock_reservations_quantity_positive` CHECK(quantity > 0)
);
--> statement-breakpoint
CREATE INDEX `outbox_unpublished_idx` ON `outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`);
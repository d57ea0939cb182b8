CREATE TABLE `freight_templates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`name` varchar(40) NOT NULL,
	`charge_by` enum('PIECE','WEIGHT') NOT NULL,
	`regions` json NOT NULL,
	`undeliverable` json NOT NULL,
	`free_threshold` bigint,
	`created_by` varchar(40) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `freight_templates_id` PRIMARY KEY(`id`),
	CONSTRAINT `freight_templates_shop_uq` UNIQUE(`shop_id`),
	CONSTRAINT `freight_templates_free_threshold_positive` CHECK(free_threshold IS NULL OR free_threshold > 0)
);

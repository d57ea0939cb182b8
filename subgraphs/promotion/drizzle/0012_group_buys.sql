CREATE TABLE `group_buy_activities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`name` varchar(40) NOT NULL,
	`team_size` int NOT NULL,
	`hours` int NOT NULL,
	`per_member_limit` int NOT NULL,
	`quantity` int NOT NULL,
	`used` int NOT NULL DEFAULT 0,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`allow_coupons` boolean NOT NULL DEFAULT false,
	`virtual_percent` int,
	`status` enum('ACTIVE','PAUSED','ENDED') NOT NULL DEFAULT 'ACTIVE',
	`created_by` varchar(40) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `group_buy_activities_id` PRIMARY KEY(`id`),
	CONSTRAINT `group_buy_activities_units` CHECK(used >= 0 AND used <= quantity)
);
--> statement-breakpoint
CREATE TABLE `group_buy_prices` (
	`activity_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`price` bigint NOT NULL,
	`leader_price` bigint,
	`list_price` bigint NOT NULL,
	CONSTRAINT `group_buy_prices_activity_id_sku_id_pk` PRIMARY KEY(`activity_id`,`sku_id`)
);
--> statement-breakpoint
CREATE TABLE `group_buy_seats` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`team_id` bigint unsigned NOT NULL,
	`activity_id` bigint unsigned NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`sku_id` bigint unsigned NOT NULL,
	`quantity` int NOT NULL,
	`leader` boolean NOT NULL DEFAULT false,
	`owner` varchar(64) NOT NULL,
	`status` enum('HELD','PAID','RELEASED','REFUNDED') NOT NULL DEFAULT 'HELD',
	`paid` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `group_buy_seats_id` PRIMARY KEY(`id`),
	CONSTRAINT `group_buy_seats_owner_uq` UNIQUE(`owner`)
);
--> statement-breakpoint
CREATE TABLE `group_buy_teams` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`activity_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`leader_member_id` bigint unsigned NOT NULL,
	`size` int NOT NULL,
	`status` enum('OPENING','FORMING','SUCCEEDED','FAILED','CANCELLED') NOT NULL DEFAULT 'OPENING',
	`seats_taken` int NOT NULL DEFAULT 0,
	`seats_paid` int NOT NULL DEFAULT 0,
	`opened_at` datetime(3),
	`expires_at` datetime(3),
	`ended_at` datetime(3),
	`virtual` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `group_buy_teams_id` PRIMARY KEY(`id`),
	CONSTRAINT `group_buy_teams_seats` CHECK(seats_paid >= 0 AND seats_taken >= seats_paid AND seats_taken <= size)
);
--> statement-breakpoint
CREATE INDEX `group_buy_activities_product_idx` ON `group_buy_activities` (`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `group_buy_activities_shop_idx` ON `group_buy_activities` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `group_buy_prices_sku_idx` ON `group_buy_prices` (`sku_id`);--> statement-breakpoint
CREATE INDEX `group_buy_seats_team_idx` ON `group_buy_seats` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `group_buy_seats_member_idx` ON `group_buy_seats` (`member_id`,`activity_id`,`status`);--> statement-breakpoint
CREATE INDEX `group_buy_teams_open_idx` ON `group_buy_teams` (`product_id`,`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `group_buy_teams_activity_idx` ON `group_buy_teams` (`activity_id`,`status`);
CREATE TABLE `activities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`name` varchar(40) NOT NULL,
	`description` varchar(200) NOT NULL DEFAULT '',
	`kind` enum('FULL_REDUCTION','FULL_DISCOUNT','SPECIAL_PRICE') NOT NULL,
	`tiers` json NOT NULL,
	`prices` json NOT NULL,
	`scope` enum('ALL','CATEGORIES','PRODUCTS','SKUS') NOT NULL DEFAULT 'ALL',
	`scope_ids` json NOT NULL,
	`excluded_product_ids` json NOT NULL,
	`excludes_coupons` boolean NOT NULL DEFAULT false,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`budget` bigint,
	`held` bigint NOT NULL DEFAULT 0,
	`spent` bigint NOT NULL DEFAULT 0,
	`orders` int NOT NULL DEFAULT 0,
	`status` enum('ACTIVE','PAUSED','ENDED') NOT NULL DEFAULT 'ACTIVE',
	`created_by` varchar(40) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `activities_id` PRIMARY KEY(`id`),
	CONSTRAINT `activities_within_budget` CHECK(held >= 0 AND spent >= 0 AND (budget IS NULL OR held + spent <= budget))
);
--> statement-breakpoint
CREATE INDEX `activities_shop_idx` ON `activities` (`shop_id`,`status`,`ends_at`);
CREATE TABLE `categories` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`parent_id` bigint unsigned,
	`name` varchar(30) NOT NULL,
	`icon` varchar(500),
	`sort` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `categories_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`shop_id` bigint unsigned NOT NULL,
	`category_id` bigint unsigned NOT NULL,
	`title` varchar(120) NOT NULL,
	`subtitle` varchar(200) NOT NULL DEFAULT '',
	`images` json NOT NULL,
	`description` mediumtext NOT NULL,
	`status` enum('ON_SHELF','OFF_SHELF') NOT NULL DEFAULT 'OFF_SHELF',
	`min_price` bigint NOT NULL,
	`max_price` bigint NOT NULL,
	`sales` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `products_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `shops` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(60) NOT NULL,
	`logo` varchar(500),
	`description` varchar(500) NOT NULL DEFAULT '',
	`status` enum('OPEN','CLOSED') NOT NULL DEFAULT 'OPEN',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `shops_id` PRIMARY KEY(`id`),
	CONSTRAINT `shops_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `skus` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`specs` json NOT NULL,
	`spec_key` char(64) NOT NULL,
	`price` bigint NOT NULL,
	`original_price` bigint,
	`stock` int NOT NULL DEFAULT 0,
	`sales` int NOT NULL DEFAULT 0,
	`image` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `skus_id` PRIMARY KEY(`id`),
	CONSTRAINT `skus_product_spec_uq` UNIQUE(`product_id`,`spec_key`),
	CONSTRAINT `skus_stock_nonnegative` CHECK(stock >= 0),
	CONSTRAINT `skus_price_positive` CHECK(price > 0),
	CONSTRAINT `skus_original_price_not_below_price` CHECK(original_price IS NULL OR original_price >= price)
);
--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`,`sort`);--> statement-breakpoint
CREATE INDEX `products_status_id_idx` ON `products` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `products_status_price_idx` ON `products` (`status`,`min_price`,`id`);--> statement-breakpoint
CREATE INDEX `products_status_sales_idx` ON `products` (`status`,`sales`,`id`);--> statement-breakpoint
CREATE INDEX `products_shop_idx` ON `products` (`shop_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`,`status`,`id`);
-- Approved after-sales become REFUNDING (payment's refunded events, replayed to the new consumer from the stream, move them on).
ALTER TABLE `after_sales` MODIFY COLUMN `status` enum('REQUESTED','APPROVED','REJECTED','REFUNDING','REFUNDED','FAILED') NOT NULL DEFAULT 'REQUESTED';--> statement-breakpoint
UPDATE `after_sales` SET `status` = 'REFUNDING' WHERE `status` = 'APPROVED';--> statement-breakpoint
ALTER TABLE `after_sales` MODIFY COLUMN `status` enum('REQUESTED','REJECTED','REFUNDING','REFUNDED','FAILED') NOT NULL DEFAULT 'REQUESTED';--> statement-breakpoint
ALTER TABLE `order_status_changes` MODIFY COLUMN `from_status` enum('PENDING_PAYMENT','PAID','SHIPPED','COMPLETED','CANCELLED','CLOSED');--> statement-breakpoint
ALTER TABLE `order_status_changes` MODIFY COLUMN `to_status` enum('PENDING_PAYMENT','PAID','SHIPPED','COMPLETED','CANCELLED','CLOSED') NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` MODIFY COLUMN `status` enum('PENDING_PAYMENT','PAID','SHIPPED','COMPLETED','CANCELLED','CLOSED') NOT NULL;--> statement-breakpoint
ALTER TABLE `after_sales` ADD `refund_no` varchar(64);--> statement-breakpoint
ALTER TABLE `after_sales` ADD `refunded_at` datetime(3);--> statement-breakpoint
ALTER TABLE `after_sales` ADD `failure_reason` varchar(200);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `discount_amount` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `refunded_amount` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `closed_at` datetime(3);
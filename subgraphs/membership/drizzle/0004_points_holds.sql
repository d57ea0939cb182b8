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
CREATE INDEX `reservation_lines_owner_idx` ON `reservation_lines` (`pool`,`owner`);
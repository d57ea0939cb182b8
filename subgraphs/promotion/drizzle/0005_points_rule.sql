CREATE TABLE `points_rules` (
	`id` int NOT NULL,
	`points_per_yuan` int NOT NULL,
	`max_share_percent` int NOT NULL,
	`updated_by` varchar(40) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_rules_id` PRIMARY KEY(`id`)
);

# A hand-written module in the styles seen in public ECS configurations: variables with
# defaults, locals, count and for_each, dynamic blocks, container definitions as a
# heredoc with interpolations, as jsonencode, from file() and templatefile().

variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging, prod)."
  default     = "staging"
}

variable "image_tag" {
  type    = string
  default = "latest"
}

variable "subnet_ids" {
  type = list(string)
}

variable "services" {
  description = <<-EOT
    Services to run, by name. Each sets its container port and desired count; the
    image comes from the shared repository.
  EOT
  type = map(object({
    port  = number
    count = optional(number, 1)
  }))
  default = {
    api    = { port = 8080 }
    worker = { port = 9000, count = 2 }
  }
}

locals {
  name_prefix = "shop-${var.environment}"
  is_prod     = var.environment == "prod"
  log_group   = "/ecs/${local.name_prefix}"
  cpu         = local.is_prod ? 1024 : 256
  memory      = 2048
  tags = merge(var.extra_tags, {
    Environment = var.environment
    ManagedBy   = "terraform"
  })
  ports = [for name, svc in var.services : svc.port]
}

resource "aws_ecr_repository" "app" {
  name                 = "${local.name_prefix}-app"
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last 30 release images"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["release-"]
          countType     = "imageCountMoreThan"
          countNumber   = 30
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Expire untagged images after a week"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = 7
        }
        action = {
          type = "expire"
        }
      }
    ]
  })
}

resource "aws_ecs_cluster" "main" {
  name = local.name_prefix

  setting {
    name  = "containerInsights"
    value = local.is_prod ? "enabled" : "disabled"
  }
}

resource "aws_ecs_task_definition" "api" {
  family                   = "${local.name_prefix}-api"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = local.cpu
  memory                   = local.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = <<DEFINITION
[
  {
    "name": "api",
    "image": "${aws_ecr_repository.app.repository_url}:${var.image_tag}",
    "essential": true,
    "cpu": 0,
    "portMappings": [
      { "containerPort": 8080, "protocol": "tcp" }
    ],
    "environment": [
      { "name": "ENVIRONMENT", "value": "${var.environment}" },
      { "name": "LOG_LEVEL", "value": "info" }
    ],
    "logConfiguration": {
      "logDriver": "awslogs",
      "options": {
        "awslogs-group": "${local.log_group}",
        "awslogs-region": "eu-west-1",
        "awslogs-stream-prefix": "api"
      }
    }
  }
]
DEFINITION

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "ENABLED"
    }
  }
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "${local.name_prefix}-worker"
  requires_compatibilities = ["EC2"]
  container_definitions    = file("${path.module}/containers/worker.json")
}

resource "aws_ecs_task_definition" "batch" {
  family = "${local.name_prefix}-batch"
  container_definitions = templatefile("${path.module}/containers/batch.json.tpl", {
    image     = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
    log_group = local.log_group
  })
}

resource "aws_lb_target_group" "api" {
  name        = "${local.name_prefix}-api"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path    = "/health"
    matcher = "200-299"
  }
}

resource "aws_ecs_service" "api" {
  name                              = "api"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.api.arn
  desired_count                     = local.is_prod ? 3 : 1
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 60

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8080
  }

  dynamic "ordered_placement_strategy" {
    for_each = local.is_prod ? ["spread"] : []
    content {
      type  = ordered_placement_strategy.value
      field = "attribute:ecs.availability-zone"
    }
  }

  lifecycle {
    ignore_changes = [desired_count]
  }

  tags = local.tags
}

resource "aws_ecs_service" "each" {
  for_each        = var.services
  name            = each.key
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = each.value.count
}

resource "aws_cloudwatch_log_group" "api" {
  count             = local.is_prod ? 1 : 0
  name              = local.log_group
  retention_in_days = 30
}

output "service_names" {
  value = [for s in aws_ecs_service.each : s.name]
}

output "log_group_arn" {
  value = aws_cloudwatch_log_group.api[*].arn
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agents",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    execution_environment = table.Column<int>(type: "INTEGER", nullable: false),
                    command = table.Column<string>(type: "TEXT", nullable: false),
                    args_json = table.Column<string>(type: "TEXT", nullable: false),
                    working_directory = table.Column<string>(type: "TEXT", nullable: true),
                    environment_json = table.Column<string>(type: "TEXT", nullable: false),
                    cpu_millicores = table.Column<long>(type: "INTEGER", nullable: false),
                    memory_mb = table.Column<long>(type: "INTEGER", nullable: false),
                    gpu = table.Column<long>(type: "INTEGER", nullable: false),
                    bandwidth_mbps = table.Column<long>(type: "INTEGER", nullable: false),
                    storage_mb = table.Column<long>(type: "INTEGER", nullable: false),
                    timeout_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    retry_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    retry_backoff_seconds = table.Column<double>(type: "REAL", nullable: false),
                    max_concurrency = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schedules",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agent_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    trigger_type = table.Column<int>(type: "INTEGER", nullable: false),
                    cron = table.Column<string>(type: "TEXT", nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", nullable: true),
                    misfire = table.Column<int>(type: "INTEGER", nullable: false),
                    event_name = table.Column<string>(type: "TEXT", nullable: true),
                    cpu_millicores = table.Column<long>(type: "INTEGER", nullable: true),
                    memory_mb = table.Column<long>(type: "INTEGER", nullable: true),
                    gpu = table.Column<long>(type: "INTEGER", nullable: true),
                    bandwidth_mbps = table.Column<long>(type: "INTEGER", nullable: true),
                    storage_mb = table.Column<long>(type: "INTEGER", nullable: true),
                    dependencies_json = table.Column<string>(type: "TEXT", nullable: false),
                    constraints_json = table.Column<string>(type: "TEXT", nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_schedules_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    agent_id = table.Column<int>(type: "INTEGER", nullable: false),
                    schedule_id = table.Column<int>(type: "INTEGER", nullable: true),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_priority = table.Column<int>(type: "INTEGER", nullable: false),
                    queue_position = table.Column<long>(type: "INTEGER", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    cpu_millicores = table.Column<long>(type: "INTEGER", nullable: false),
                    memory_mb = table.Column<long>(type: "INTEGER", nullable: false),
                    gpu = table.Column<long>(type: "INTEGER", nullable: false),
                    bandwidth_mbps = table.Column<long>(type: "INTEGER", nullable: false),
                    storage_mb = table.Column<long>(type: "INTEGER", nullable: false),
                    owner_worker = table.Column<string>(type: "TEXT", nullable: true),
                    owner_epoch = table.Column<long>(type: "INTEGER", nullable: false),
                    stop_intent = table.Column<int>(type: "INTEGER", nullable: false),
                    trigger = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    queued_at = table.Column<long>(type: "INTEGER", nullable: true),
                    not_before = table.Column<long>(type: "INTEGER", nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    exit_code = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    pid = table.Column<int>(type: "INTEGER", nullable: true),
                    pid_start_ticks = table.Column<long>(type: "INTEGER", nullable: true),
                    spec_json = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_runs_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_runs_schedules_schedule_id",
                        column: x => x.schedule_id,
                        principalTable: "schedules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "run_dependencies",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    depends_on_run_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_dependencies", x => new { x.run_id, x.depends_on_run_id });
                    table.ForeignKey(
                        name: "fk_run_dependencies_runs_depends_on_run_id",
                        column: x => x.depends_on_run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_run_dependencies_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    from_state = table.Column<int>(type: "INTEGER", nullable: true),
                    to_state = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    worker = table.Column<string>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_run_transitions_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agents_name",
                table: "agents",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_run_dependencies_depends_on_run_id",
                table: "run_dependencies",
                column: "depends_on_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_run_transitions_run_id_id",
                table: "run_transitions",
                columns: new[] { "run_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_runs_agent_id_created_at",
                table: "runs",
                columns: new[] { "agent_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_runs_created_at",
                table: "runs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_runs_schedule_id_id",
                table: "runs",
                columns: new[] { "schedule_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_runs_state",
                table: "runs",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_schedules_agent_id",
                table: "schedules",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_schedules_event_name",
                table: "schedules",
                column: "event_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_dependencies");

            migrationBuilder.DropTable(
                name: "run_transitions");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "schedules");

            migrationBuilder.DropTable(
                name: "agents");
        }
    }
}

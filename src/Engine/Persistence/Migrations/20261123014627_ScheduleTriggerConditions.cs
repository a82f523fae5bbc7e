using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleTriggerConditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "condition_json",
                table: "schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "upstream_schedule_id",
                table: "schedules",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "condition_json",
                table: "schedules");

            migrationBuilder.DropColumn(
                name: "upstream_schedule_id",
                table: "schedules");
        }
    }
}

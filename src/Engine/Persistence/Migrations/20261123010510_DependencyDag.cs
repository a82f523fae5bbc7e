using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DependencyDag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "base_priority",
                table: "runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "depth",
                table: "runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "inherited_from",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            // Runs stored before this migration have no inherited priority: their base priority is their lane.
            migrationBuilder.Sql("UPDATE runs SET base_priority = priority;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "base_priority",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "depth",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "inherited_from",
                table: "runs");
        }
    }
}

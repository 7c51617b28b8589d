/**
 * {@code java -jar phasebot.jar mcp}: a Model Context Protocol server on stdin/stdout through
 * which an AI coding agent takes part as one of the plan's agents. It holds no state and no
 * database: each tool is one call to the agent API ({@code /api/v1}) of a running phasebot,
 * with the agent's token, so the API's permission checks, audit and limits apply unchanged.
 * {@link dev.phasebot.mcp.McpMain} is the entry class; {@link dev.phasebot.mcp.PhasebotTools}
 * is the tool table.
 */
package dev.phasebot.mcp;

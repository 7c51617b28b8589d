/** Time: durable timer rows ({@link dev.phasebot.schedule.TimerService}) and Quartz cron jobs ({@link dev.phasebot.schedule.PhaseScheduler}). */
package dev.phasebot.schedule;

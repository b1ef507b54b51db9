/**
 * Cross-cutting wiring: the API key that guards every write and keeps folder paths out of health
 * for callers without it, and other service-wide settings.
 */
package io.cigraph.system;

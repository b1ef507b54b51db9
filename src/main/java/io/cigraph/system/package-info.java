/**
 * Cross-cutting wiring: the API key that guards every write, and other service-wide settings.
 */
package io.cigraph.system;

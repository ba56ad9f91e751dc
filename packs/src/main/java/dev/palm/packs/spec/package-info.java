/**
 * The agent spec a pack validates ({@link dev.palm.packs.spec.AgentSpec}, docs/pack-contract.md
 * §2.11) and its parts.
 */
package dev.palm.packs.spec;

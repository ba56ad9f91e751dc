/**
 * The three canonical packs shipped with PALM (Mapleverse, Finalverse, iBank), with the preset
 * values of docs/pack-contract.md §3 and the two documented changes; the same packs ship as files
 * in the {@code packs/} folder.
 */
package dev.palm.packs.canonical;

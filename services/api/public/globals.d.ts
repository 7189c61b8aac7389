// Globals the dashboard gets from its classic <script> tag (uPlot's IIFE build, /vendor/uplot.js).
declare const uPlot: any;

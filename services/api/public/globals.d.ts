// Globals the dashboard gets from its <script> tags (uPlot's IIFE build, /vendor/uplot.js).
declare const uPlot: any;
interface Window { vitalsAdmissions?: any }

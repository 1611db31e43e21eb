#!/usr/bin/env node
console.log('ordertrack');

DROP TABLE learning.recommendations;

import { useContext } from 'react';
import { ThemeContext, type Theme } from './theme.js';

export const useTheme = (): Theme => useContext(ThemeContext);

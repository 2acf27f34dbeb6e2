// Table columns that give way on small screens: phones keep the essentials, small tablets a few more.
export const phoneHidden = { display: { xs: 'none', sm: 'table-cell' } };
export const narrowHidden = { display: { xs: 'none', md: 'table-cell' } };
